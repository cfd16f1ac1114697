"""The verified mathematics of neural-network activations, losses and deltas."""
