"""Comparing two rounds: `align` pairs their paragraphs, `diff` finds the word operations
inside each pair and applies a comparison back (`apply`). Takes `Round`s, returns a
`Comparison` that every renderer reads.
"""
