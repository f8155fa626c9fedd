"""Small layout builders; each takes data and returns Dash components."""
