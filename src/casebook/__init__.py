"""casebook."""
