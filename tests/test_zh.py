"""The Chinese-language layer (kg.extract.zh): properties the components rely on."""

from __future__ import annotations

import pytest

from kg.extract.zh import spans
from kg.extract.zh.tokens import Cuts


@pytest.mark.parametrize("text", [
    "会上，县委副书记、县长陈立新宣布青禾新材料产业园项目开工",
    "据悉，该项目由江川远达机械设备有限公司投资建设，总投资3.5亿元",
    "今年以来（截至十月）全市累计签约“双招双引”项目128个、总金额超百亿元",
])
def test_a_window_after_a_hard_stop_cuts_as_the_whole_head(text):
    # left_edge cuts only from the last hard stop (_after_hard_stop): jieba must give
    # the same words right of it as when it cuts the whole head.
    cut = Cuts()
    for end in range(1, len(text) + 1):
        start = spans._after_hard_stop(text, 0, end)
        whole = cut(text[:end])
        tail = cut(text[start:end])
        assert "".join(whole).endswith("".join(tail))
        assert whole[len(whole) - len(tail):] == tail, (text[:end], start)


def test_a_name_stops_at_the_comma_before_it():
    text = "据悉，江川远达机械设备有限公司投资建设"
    end = text.index("有限公司")
    assert text[spans.left_edge(text, end, Cuts()):end] == "江川远达机械设备"
