"""Script-free pages people use directly: registration, cancellation, feedback, print-outs."""
