"""Presentation without Streamlit: the ja/en string table, how values read (times, yen), escaped HTML."""
