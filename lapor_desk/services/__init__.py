"""Use cases: one transaction per public method, frozen read models and Changes values back."""
