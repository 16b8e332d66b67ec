"""The one layer that knows WordprocessingML: namespaces, the package guard, reading and writing."""
