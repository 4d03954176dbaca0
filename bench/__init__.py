"""Developer tools that drive the running app (load test, server helper). They speak Streamlit's own
protocol, so they live outside ``finder/``, which never imports Streamlit."""
