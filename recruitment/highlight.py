"""Cutting an article's text into plain and highlighted pieces for display.

Templates only loop over the pieces: the escaping stays Django's, and the overlap rules (two
figures quoted from one clause) live here, tested, rather than in markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Segment:
    text: str
    marks: list[int] = field(default_factory=list)  # indexes of the spans covering this piece

    @property
    def highlighted(self) -> bool:
        return bool(self.marks)

    @property
    def anchor(self) -> str:
        return f"mark-{self.marks[0]}" if self.marks else ""


def highlight_segments(text: str, spans: list[tuple[int | None, int | None]]) -> list[Segment]:
    """Split `text` at every span boundary; spans outside the text or empty are ignored."""
    valid = [
        (i, s, e)
        for i, (s, e) in enumerate(spans)
        if s is not None and e is not None and 0 <= s < e <= len(text)
    ]
    cuts = sorted({0, len(text), *(s for _, s, _ in valid), *(e for _, _, e in valid)})
    segments: list[Segment] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        marks = [i for i, s, e in valid if s <= left and right <= e]
        if segments and segments[-1].marks == marks:
            segments[-1].text += text[left:right]
        else:
            segments.append(Segment(text[left:right], marks))
    return segments
