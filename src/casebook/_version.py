"""The version of casebook."""

__version__ = "0.1.0"
