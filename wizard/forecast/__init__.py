"""The effect forecast: cited default rates per channel kind, and the funnel built on them."""
