"""Reads of the directory. `search_services` is the one search behind the pages, the API, the CLI and guides."""

from .search.query import SearchResult, SearchResults, UnknownPlace, search_services

__all__ = ["SearchResult", "SearchResults", "UnknownPlace", "search_services"]
