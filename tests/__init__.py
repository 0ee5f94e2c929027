"""engagekit test suite."""
