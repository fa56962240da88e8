"""Turning a laid-out edition into HTML, PDF and page images."""
