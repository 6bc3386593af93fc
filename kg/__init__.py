"""natokg: a knowledge graph of NATO diplomacy from Dutch ministerial letters."""

__version__ = "0.1.0"
