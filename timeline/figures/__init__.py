"""Plotly figures as pure functions of an events DataFrame; nothing here imports dash."""
