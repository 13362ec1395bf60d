"""Reads for reviews pages, the board dashboard and the quarterly report.

Every function here runs a fixed number of queries however many reviews, recommendations
and actions a board has: counts come from subqueries, related rows from prefetches.

One module per reader: review_list and review_page for the reviews pages, dashboard for the
board's panel, themes for the thematic view, report for the quarterly report; counts holds
the query pieces they share. Import from those modules directly.
"""
