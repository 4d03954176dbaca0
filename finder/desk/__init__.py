"""The staff data desk: accounts, row diffs, publishing, history, freshness and open-data export (no Streamlit)."""
