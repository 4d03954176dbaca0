"""Presentation without Streamlit: the ja/en string table and escaped HTML fragments."""
