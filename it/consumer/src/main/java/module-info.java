/** An application that uses Shuttle on the module path. */
module consumer {
    requires dev.shuttle;
}
