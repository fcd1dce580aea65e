"""An open document: edits with undo, unsaved state, safe saving, external changes and recovery after a crash."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.document import Document, ExternalChange
from argmap.edits import AddClaim, DeleteClaim, EditError, SetTitle
from argmap.model import Claim
from argmap.recovery import find_crashed_work, recovery_files
from argmap.store import MapError, load_map
from tests.conftest import ROOT


def test_edits_mark_the_document_unsaved_until_saved_or_undone(small_map: Path) -> None:
    document = Document.open(small_map)
    assert not document.dirty
    document.apply(SetTitle("Renamed"))
    assert document.dirty and document.argument_map.title == "Renamed"
    document.undo()
    assert not document.dirty, "undoing back to the saved state is clean"
    document.redo()
    document.save()
    assert not document.dirty
    assert load_map(small_map).argument_map.title == "Renamed"


def test_derived_views_follow_each_edit(small_map: Path) -> None:
    document = Document.open(small_map)
    document.apply(AddClaim(Claim(id="c4", author="bo", text="A new claim about fentanyl.", topics=["drugs"])))
    assert "c4" in document.index.claims
    assert [hit.claim_id for hit in document.search_index.search("fentanyl")][:1] == ["c4"]
    document.apply(DeleteClaim("c2"))
    assert "c2" not in document.index.claims and not document.index.incoming.get("c2")
    document.undo()
    assert len(document.index.incoming["c2"]) == 2


def test_an_edit_keeps_the_source_texts_read_unless_their_file_changed(small_map: Path) -> None:
    document = Document.open(small_map)
    before = document.texts.text_of("s1")
    document.apply(SetTitle("Renamed"))
    assert document.texts.text_of("s1") is before, "an unchanged source is not read again after an edit"
    source = small_map.parent / "source.txt"
    source.write_text(before + "\nA paragraph added since.", encoding="utf-8")
    document.apply(SetTitle("Renamed again"))
    assert document.texts.text_of("s1").endswith("A paragraph added since."), "a changed file is read again"


def test_an_invalid_edit_changes_nothing(small_map: Path) -> None:
    document = Document.open(small_map)
    with pytest.raises(EditError) as refused:
        document.apply(AddClaim(Claim(id="c1", author="ana", text="Clash")))
    assert refused.value.field == "id"
    assert not document.dirty and len(document.argument_map.claims) == 3


def test_saving_over_a_file_changed_elsewhere_is_refused(small_map: Path, tmp_path: Path) -> None:
    document = Document.open(small_map)
    document.apply(SetTitle("Mine"))
    small_map.write_text(small_map.read_text(encoding="utf-8").replace("Small map", "Theirs"), encoding="utf-8")
    assert document.changed_on_disk()
    with pytest.raises(ExternalChange):
        document.save()
    assert "Theirs" in small_map.read_text(encoding="utf-8"), "their work is still on disk"
    elsewhere = tmp_path / "mine.json"
    document.save(elsewhere)
    assert document.path == elsewhere and not document.dirty
    assert load_map(elsewhere).argument_map.title == "Mine"


def test_undoing_a_merge_with_the_disk_makes_a_save_refuse_again(small_map: Path) -> None:
    """Their change on disk, merged then taken back, is again a change a save would overwrite: it must ask."""
    document = Document.open(small_map)
    document.apply(AddClaim(Claim(id="mine", author="ana", text="Mine.")))
    small_map.write_text(small_map.read_text(encoding="utf-8").replace("Small map", "Theirs"), encoding="utf-8")
    merge = document.merge_with_disk()
    assert document.argument_map.title == "Theirs"
    assert document.undo() is merge and document.argument_map.title == "Small map"
    with pytest.raises(ExternalChange):
        document.save()
    assert "Theirs" in small_map.read_text(encoding="utf-8"), "their work is still on disk"
    assert document.redo() is merge
    document.save()
    saved = load_map(small_map).argument_map
    assert saved.title == "Theirs" and "mine" in {claim.id for claim in saved.claims}


def test_undoing_a_merge_after_saving_it_saves_without_asking(small_map: Path) -> None:
    """Once the merge is saved, the file holds argmap's own write: taking the merge back is an ordinary edit."""
    document = Document.open(small_map)
    document.apply(AddClaim(Claim(id="mine", author="ana", text="Mine.")))
    small_map.write_text(small_map.read_text(encoding="utf-8").replace("Small map", "Theirs"), encoding="utf-8")
    document.merge_with_disk()
    document.save()
    document.undo()
    document.save()
    saved = load_map(small_map).argument_map
    assert saved.title == "Small map" and "mine" in {claim.id for claim in saved.claims}


def test_a_failed_save_keeps_the_edits_in_memory(small_map: Path, tmp_path: Path) -> None:
    document = Document.open(small_map)
    document.apply(SetTitle("Unsaved"))
    with pytest.raises(MapError, match="cannot save"):
        document.save(tmp_path / "missing-folder" / "map.json")
    assert document.dirty and document.argument_map.title == "Unsaved" and document.path == small_map


def test_create_refuses_an_existing_file(small_map: Path, tmp_path: Path) -> None:
    with pytest.raises(MapError, match="already exists"):
        Document.create(small_map, "Again")
    created = Document.create(tmp_path / "new.json", "  Fresh map ")
    assert created.argument_map.title == "Fresh map" and created.argument_map.claims == []


EDIT_THEN_WAIT = """
import sys, time
from argmap.document import Document
from argmap.edits import SetTitle
document = Document.open(sys.argv[1])
document.apply(SetTitle("Work not yet saved"))
document.update_recovery()
print("ready", flush=True)
time.sleep(60)
"""


def test_work_survives_a_killed_process_through_the_recovery_file(small_map: Path) -> None:
    before = small_map.read_bytes()
    process = subprocess.Popen([sys.executable, "-c", EDIT_THEN_WAIT, str(small_map)], cwd=ROOT,
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "ready"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert small_map.read_bytes() == before, "the map itself is untouched"
    [work], _ = find_crashed_work(small_map)
    recovered = Document.restore(small_map, work.path)
    assert recovered.argument_map.title == "Work not yet saved" and recovered.dirty
    recovered.save()
    assert recovery_files(small_map) == []
    assert load_map(small_map).argument_map.title == "Work not yet saved"


def test_discarding_removes_the_recovery_file(small_map: Path) -> None:
    document = Document.open(small_map)
    document.apply(SetTitle("Scratch"))
    document.update_recovery()
    assert len(recovery_files(small_map)) == 1
    document.discard_recovery()
    assert recovery_files(small_map) == []
