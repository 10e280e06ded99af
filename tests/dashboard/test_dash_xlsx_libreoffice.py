"""The Excel export as LibreOffice reads it: converted to CSV headless, tone marks and numbers kept.

openpyxl reading back its own file proves little about other readers, so this converts a real
export with `soffice --headless --convert-to csv` (Debian's `libreoffice-calc-nogui`). `.ci/run`
installs it; under CI a missing soffice fails this test instead of skipping it.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from django.urls import reverse

# Comma, double quote, UTF-8 (76), from line 1, default formats, default language, every text cell
# quoted: a number LibreOffice read as a number is the only kind of cell written without quotes.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true"


@pytest.fixture
def soffice() -> str:
    path = shutil.which("soffice")
    if path is None:
        reason = "soffice not found (apt-get install libreoffice-calc-nogui)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}: .ci/run installs it, so CI must not skip this check")
        pytest.skip(reason)
    return path


def test_libreoffice_reads_the_vietnamese_text_and_numbers_of_an_excel_export(
    gold, viewer_client, soffice, tmp_path
):
    response = viewer_client.get(
        reverse("dashboard:progress_xlsx"), {"year": 2021, "level": "province"}
    )
    workbook = tmp_path / "tien-do.xlsx"
    workbook.write_bytes(b"".join(response.streaming_content))
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",  # its own profile: no lock, no HOME
            "--convert-to",
            CSV_FILTER,
            "--outdir",
            str(tmp_path),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=120,
        env={**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},  # a dot before decimals
    )
    lines = (tmp_path / "tien-do.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith('"Tổ chức đảng","Cấp","Cấp trên","Năm","Chỉ tiêu kết nạp"')
    khanh_hoa = next(line for line in lines if line.startswith('"Đảng bộ tỉnh Khánh Hòa"'))
    # 2021, target 1700 (derived: 1), admitted 1455, 85.6 %, as of 2021-12-31, then the status:
    # the numbers and the date unquoted, so LibreOffice holds them as numbers.
    assert ',2021,1700,1,1455,85.6,2021-12-31,"Chậm tiến độ",' in khanh_hoa, khanh_hoa
