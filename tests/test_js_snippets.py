"""finder.present.js_snippets: the page scripts take only widget keys, numbers and escaped UI text."""

import pytest

from finder.present import js_snippets


def test_key_clicker_binds_keys_to_widget_keys_only():
    js = js_snippets.key_clicker({"ArrowRight": "demo_next", "PageDown": "demo_next", "bad key!": "demo_prev"})
    assert '"ArrowRight": "demo_next"' in js and '"PageDown": "demo_next"' in js and "bad key" not in js
    assert "INPUT|TEXTAREA|SELECT" in js and "button.disabled" in js  # typing and disabled buttons are left alone
    with pytest.raises(ValueError):
        js_snippets.key_clicker({"ArrowRight": 'x"]); alert(1); //'})


def test_scroll_into_view_targets_one_container():
    js = js_snippets.scroll_into_view("kiosk_results", "3")
    assert '".st-key-kiosk_results"' in js and 'data-nonce="3"' in js
    with pytest.raises(ValueError):
        js_snippets.scroll_into_view("a b")


def test_countdown_escapes_its_words_and_counts_whole_seconds():
    html = js_snippets.countdown(45.7, "<b>あと", "秒</b>", "まもなく</script>")
    assert 'class="dxf-count">45<' in html and "&lt;b&gt;あと" in html and "秒&lt;/b&gt;" in html
    assert html.count("</script>") == 1 and "\\u003c/script\\u003e" in html  # the text cannot end the script
    assert js_snippets.countdown(-3, "", "", "").count('class="dxf-count">0<') == 1
