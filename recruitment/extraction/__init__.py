"""Admission figures from Vietnamese party news: plain Python, no Django.

Public API: ``extract`` (text → figures; ``ExtractionTimeout`` past its deadline),
``read_document`` (uploaded bytes → text) and ``score_against_gold`` (precision/recall
bookkeeping against the corpus gold files).
"""

from .core import Candidate, Extraction, ExtractionTimeout, extract
from .documents import Document, DocumentError, read_document
from .scoring import score_against_gold

__all__ = [
    "Candidate",
    "Document",
    "DocumentError",
    "Extraction",
    "ExtractionTimeout",
    "extract",
    "read_document",
    "score_against_gold",
]
