"""Serving the app: Streamlit processes on loopback and N replicas behind nginx (``python -m deploy.serve``)."""
