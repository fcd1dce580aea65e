"""argmap: build, navigate and compare argument maps in the terminal."""

__version__ = "0.1.0"
