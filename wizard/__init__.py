"""Marketing Plan Wizard: staged discovery of an online marketing plan, in the terminal."""

__version__ = "0.1.0"
