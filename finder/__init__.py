"""DX Service Finder core library (no Streamlit here). Subpackages are layers, bottom-up; see README."""
