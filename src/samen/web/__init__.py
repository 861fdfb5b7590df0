"""The web toolkit (Django): the Do's, the toolkit per platform, FAQ and help pages; owns the database."""
