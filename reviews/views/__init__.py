"""Reviews pages, split by concern: the review pages, the action plan's writes, themes and
spreadsheets."""
