"""The Textual chat interface."""
