"""sitrep: news reports about political violence in, sourced incident records out."""

__version__ = "0.1.0"
