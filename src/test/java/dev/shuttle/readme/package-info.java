/** Tests that the README's code examples compile against the current API. */
package dev.shuttle.readme;
