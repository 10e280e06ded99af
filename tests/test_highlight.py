from recruitment.highlight import highlight_segments


def test_text_without_spans_is_one_plain_segment():
    segments = highlight_segments("Không có số liệu.", [])
    assert [(s.text, s.marks) for s in segments] == [("Không có số liệu.", [])]


def test_a_span_is_cut_out_and_marked_with_its_index():
    segments = highlight_segments("kết nạp 207 đảng viên", [(8, 11)])
    assert [(s.text, s.marks) for s in segments] == [
        ("kết nạp ", []),
        ("207", [0]),
        (" đảng viên", []),
    ]


def test_overlapping_spans_mark_the_shared_piece_with_both_indexes():
    segments = highlight_segments("abcdef", [(0, 4), (2, 6)])
    assert [(s.text, s.marks) for s in segments] == [("ab", [0]), ("cd", [0, 1]), ("ef", [1])]


def test_spans_outside_the_text_or_missing_are_ignored():
    segments = highlight_segments("abc", [(None, None), (2, 10), (1, 1)])
    assert [(s.text, s.marks) for s in segments] == [("abc", [])]


def test_markup_in_the_text_is_kept_as_text_for_the_template_to_escape():
    segments = highlight_segments("<script>x</script> 5", [(19, 20)])
    assert segments[0].text == "<script>x</script> "
