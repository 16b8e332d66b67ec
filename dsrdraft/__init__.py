"""dsrdraft: the Qt-free core of the negotiation-drafting assistant."""

__version__ = "0.1.0"
