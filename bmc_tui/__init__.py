"""bmc-tui: the customer side of the Business Model Canvas, as a terminal interview."""

__version__ = "0.1.0"
