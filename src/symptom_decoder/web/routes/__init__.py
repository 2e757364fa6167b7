"""Routers, one per feature; each route parses, calls one service and renders."""
