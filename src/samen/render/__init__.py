"""Renderers: the campaign content as each platform takes it (text, HTML, JSON cards, PPTX, SVG/PNG, QR)."""
