"""pcdl: can my own PC do deep learning, and what happens inside it when it does?

The UI package. It loads the knowledge base, matches questions, renders answers
and stores state; it never imports torch, scikit-learn or gymnasium, which live
in the demo processes (`assistant.demos`).
"""

from __future__ import annotations

__version__ = "0.1.0"
