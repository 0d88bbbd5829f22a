"""Course notes: extract display math, parse the notation, check each step."""
