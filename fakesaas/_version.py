"""The release number, in a module of its own so any module can read it without loading the app."""

__version__ = "0.1.0"
