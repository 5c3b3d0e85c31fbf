"""Measuring the product: question sets with gold answers, retrieval and answer scores,
baselines run beside the product, and the precision of the labelling rules.

Not part of the product: it uses ``rag``'s public names only.
"""

from evaluation.metrics import EvalItem, Scores, load_items, percentile, score

__all__ = ["EvalItem", "Scores", "load_items", "percentile", "score"]
