"""Presentation without Streamlit: how values read (times, yen, dates), escaped HTML and `esc`, what matched,
the national guide as HTML and the pages' few lines of JavaScript. The string table itself is finder.i18n."""
