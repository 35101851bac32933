"""The detail panel: a large preview with faces drawn on it, and what we know of the photo."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QLocale, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pose_desktop.services import FaceInfo, Library, PhotoDetail

from .workers import run_task


@dataclass(frozen=True)
class FaceOverlay:
    """A face box as fractions of the upright image (x1, y1, x2, y2) and its caption."""

    box: tuple[float, float, float, float]
    label: str
    named: bool = False
    name: str = ""  # the person's name alone (the label adds the emotion)


class PreviewWidget(QWidget):
    """Paints an image fitted to the widget, with face boxes and their labels."""

    def __init__(self, parent=None, *, follow_aspect: bool = False) -> None:
        super().__init__(parent)
        self.image = QImage()
        self.faces: list[FaceOverlay] = []
        self.placeholder = ""
        self.follow_aspect = follow_aspect
        self.setMinimumHeight(160)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        if follow_aspect:  # in the side panel: as tall as the photo needs, no empty bands
            policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def hasHeightForWidth(self) -> bool:
        return self.follow_aspect

    def heightForWidth(self, width: int) -> int:
        if self.image.isNull() or not self.image.width():
            return max(160, int(width * 0.75))
        return max(
            120, min(int(width * self.image.height() / self.image.width()), int(width * 1.3))
        )

    def sizeHint(self):
        from PySide6.QtCore import QSize

        return QSize(320, self.heightForWidth(320))

    def set_image(self, image: QImage, faces: list[FaceOverlay] | None = None) -> None:
        old = self.image.size()
        self.image = image
        if faces is not None:
            self.faces = faces
        if self.follow_aspect and old != image.size():
            self.updateGeometry()
        self.update()

    def set_faces(self, faces: list[FaceOverlay]) -> None:
        self.faces = faces
        self.update()

    def image_rect(self) -> QRectF:
        """Where the image is drawn (aspect kept, centred)."""
        if self.image.isNull():
            return QRectF()
        size = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        r = QRectF(0, 0, size.width(), size.height())
        r.moveCenter(QRectF(self.rect()).center())
        return r

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if self.image.isNull():
            p.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            p.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.placeholder,
            )
            return
        r = self.image_rect()
        p.drawImage(r, self.image)
        font = QFont(self.font())
        font.setPointSizeF(max(8.0, font.pointSizeF() * 0.9))
        p.setFont(font)
        fm = p.fontMetrics()
        for face in self.faces:
            x1, y1, x2, y2 = face.box
            box = QRectF(
                r.x() + x1 * r.width(),
                r.y() + y1 * r.height(),
                (x2 - x1) * r.width(),
                (y2 - y1) * r.height(),
            )
            colour = QColor(80, 200, 120) if face.named else QColor(250, 200, 60)
            p.setPen(QPen(colour, 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(box, 3, 3)
            # Captions only where they can be read: named faces, or faces big enough
            # that the label does not cover the picture (crowds stay uncluttered).
            if face.label and (face.named or box.width() >= 40):
                w = fm.horizontalAdvance(face.label) + 8
                tag = QRectF(box.x(), box.bottom() + 2, w, fm.height() + 2)
                if tag.bottom() > r.bottom():
                    tag.moveBottom(box.top() - 2)
                if tag.top() < r.top():  # no room above or below: inside the box, at its foot
                    tag.moveBottom(box.bottom() - 3)
                    tag.moveLeft(box.x() + 3)
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(0, 0, 0, 170))
                p.drawRoundedRect(tag, 3, 3)
                p.setPen(QColor("white"))
                p.drawText(tag, Qt.AlignmentFlag.AlignCenter, face.label)


def breakable(text: str) -> str:
    """``text`` with line-break chances after / _ - . (a zero-width space), so a long file
    name or path wraps inside a narrow panel instead of widening it."""
    for ch in "/_-.":
        text = text.replace(ch, ch + "\u200b")
    return text


def _fmt_size(n: int) -> str:
    return QLocale().formattedDataSize(n, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


class DetailPanel(QScrollArea):
    """Preview + facts of the current photo; loads the preview off the GUI thread."""

    #: A hashtag or tag link was clicked: (kind, name).
    tag_activated = Signal(str, str)
    #: "Hashtag ideas…" was clicked for the photo shown (its id).
    ideas_requested = Signal(int)

    def __init__(self, library: Library, parent=None) -> None:
        super().__init__(parent)
        self.library = library
        self.photo: PhotoDetail | None = None
        self._task = None
        self.preview_state = "empty"
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.preview = PreviewWidget(follow_aspect=True)
        self.title = QLabel()
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Long names must wrap inside the panel, never widen it (no horizontal scroll bar).
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.fields: dict[str, tuple[QLabel, QLabel]] = {}
        for key in (
            "date",
            "place",
            "camera",
            "size",
            "path",
            "post",
            "caption",
            "hashtags",
            "tags",
            "faces",
        ):
            name = QLabel()
            name.setObjectName("fieldName")
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            value.linkActivated.connect(self._on_link)
            self.form.addRow(name, value)
            self.fields[key] = (name, value)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(10, 10, 10, 10)
        lay.setSpacing(8)
        lay.addWidget(self.preview)
        lay.addWidget(self.title)
        self.ideas_button = QPushButton()
        self.ideas_button.setObjectName("ideasButton")
        self.ideas_button.clicked.connect(
            lambda: self.photo is not None and self.ideas_requested.emit(self.photo.id)
        )
        lay.addWidget(self.ideas_button, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addLayout(self.form)
        lay.addStretch(1)
        self.setWidget(body)
        self.retranslate()
        self.show_photo(None)

    # language ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        names = {
            "date": self.tr("Date"),
            "place": self.tr("Place"),
            "camera": self.tr("Camera"),
            "size": self.tr("Size"),
            "path": self.tr("File"),
            "caption": self.tr("Caption"),
            "hashtags": self.tr("Hashtags"),
            "tags": self.tr("In the photo"),
            "faces": self.tr("People"),
            "post": self.tr("Instagram"),
        }
        for key, (label, _) in self.fields.items():
            label.setText(names[key])
        self.ideas_button.setText(self.tr("Hashtag ideas…"))
        self.ideas_button.setToolTip(self.tr("Hashtags that fit this photo (Ctrl+H)"))
        self._set_placeholder()
        if self.photo is not None:
            self.show_photo(self.photo.id)
        self.preview.update()

    def _set_placeholder(self, state: str | None = None) -> None:
        """What the preview area says while it has no picture: 'empty' (no photo chosen),
        'loading', or 'failed' (neither the file nor a thumbnail could be read)."""
        if state is not None:
            self.preview_state = state
        self.preview.placeholder = {
            "empty": self.tr(
                "Select a photo to see it here.\n\nTip: drop photos on the window to get "
                "hashtag ideas."
            ),
            "loading": self.tr("Loading the preview…"),
            "failed": self.tr(
                "No preview: this file could not be read (damaged, or copied only in part?). "
                "It stays in the library; Problems (in the status bar) says what is wrong."
            ),
        }[self.preview_state]
        self.preview.update()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange and self.photo is not None:
            # Rich text takes its link colour from the palette when it is parsed, and QLabel
            # ignores setText() with the same text: clear, then fill again.
            for _, value in self.fields.values():
                value.clear()
            self.show_photo(self.photo.id)
        super().changeEvent(event)

    # content ----------------------------------------------------------------------------
    def show_photo(self, photo_id: int | None) -> None:
        """Show a photo (None clears the panel)."""
        if self._task is not None:
            self._task.discard()
            self._task = None
        detail = self.library.photos.photo(photo_id) if photo_id is not None else None
        same = detail is not None and self.photo is not None and detail.id == self.photo.id
        self.photo = detail
        for name, value in self.fields.values():
            name.setVisible(detail is not None)
            value.setVisible(detail is not None)
        self.ideas_button.setVisible(detail is not None)
        if detail is None:
            self.title.setText("")
            self._set_placeholder("empty")
            self.preview.set_image(QImage(), [])
            return
        self._fill(detail)
        if not same:
            if detail.thumbnail and detail.thumbnail.exists():
                self.preview.set_image(QImage(str(detail.thumbnail)), [])  # instant, then sharp
            else:
                self._set_placeholder("loading")
                self.preview.set_image(QImage(), [])
            pid = detail.id
            self._task = run_task(
                self.library.photos.preview_jpeg,
                pid,
                1600,
                owner=self,
                on_done=lambda data: self._on_preview(pid, data),
            )
        faces = faces_of_photo(self.library, detail.id)
        self.preview.set_faces(faces)
        named = [f.name for f in faces if f.named]  # names; the emotions have their own row
        others = len(faces) - len(named)
        if others:
            named.append(self.tr("%n unnamed face(s)", "", others))
        self._set("faces", ", ".join(named))

    def refresh(self) -> None:
        """Show the current photo again (its names, tags and faces may have changed)."""
        if self.photo is not None:
            self.show_photo(self.photo.id)

    def _on_preview(self, photo_id: int, data: bytes | None) -> None:
        if self.photo is None or self.photo.id != photo_id:
            return
        image = QImage.fromData(data) if data else QImage()
        if not image.isNull():
            self.preview.set_image(image)
        elif self.preview.image.isNull():  # nothing to show at all: say why, not "select"
            self._set_placeholder("failed")

    def _set(self, key: str, text: str, rich: bool = False) -> None:
        name, value = self.fields[key]
        value.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        value.setText(text)
        name.setVisible(bool(text))
        value.setVisible(bool(text))

    def _fill(self, d: PhotoDetail) -> None:
        loc = QLocale()
        date = d.date_label
        ds = d.date_source or ""
        source = {
            "exif:DateTimeOriginal": self.tr("from the camera (EXIF)"),
            "exif:DateTimeDigitized": self.tr("from the camera (EXIF, digitised)"),
            "exif:DateTime": self.tr("from EXIF (file changed)"),
            "instagram": self.tr("from the Instagram post"),
            "instagram:exif": self.tr("from the Instagram export (the photo's EXIF)"),
            "user": self.tr("set by you"),
            "video:quicktime": self.tr("from the video (recorded local time)"),
            "video:creation_time": self.tr("from the video (recorded in UTC)"),
        }.get(ds, ds)
        if ds.startswith("folder name"):
            source = self.tr("guessed from the folder's name")
        elif ds in ("file mtime", ""):
            date = self.tr("Undated")
            source = self.tr("no date in the file; the file was last changed %1").replace(
                "%1", (d.taken_at or "").replace("T", " "))
        name = d.files[0].path.rsplit("/", 1)[-1] if d.files else d.hash[:12]
        self.title.setText(breakable(name))
        self.title.setToolTip(name)
        self._set("date", f"{date}\n{source}" if source else date)
        place = [d.place] if d.place else []
        place += [f"{loc} (Instagram)" for loc in d.instagram_locations if loc != d.place]
        self._set("place", "\n".join(place))
        self._set("camera", d.camera or "")
        dims = f"{d.width} × {d.height}" if d.width and d.height else ""
        length = ""
        if d.duration:
            m, s = divmod(round(d.duration), 60)
            length = f"{m // 60}:{m % 60:02}:{s:02}" if m >= 60 else f"{m}:{s:02}"
        fmt = " · ".join(
            x for x in (dims, d.format or "", _fmt_size(d.size) if d.size else "", length) if x
        )
        self._set("size", fmt)
        paths = []
        for f in d.files:
            line = html.escape(breakable(f.path))
            if f.status != "ok":
                line += " <i>(" + html.escape(self.tr("missing")) + ")</i>"
            paths.append(line)
        self._set("path", "<br>".join(paths), rich=True)
        self._set("post", self._post_text(d.id), rich=True)
        self._set("caption", d.caption or "")
        self._set(
            "hashtags",
            " ".join(
                f'<a href="tag:hashtag:{html.escape(h)}">#{html.escape(h)}</a>' for h in d.hashtags
            ),
            rich=True,
        )
        by_kind: dict[str, list[str]] = {}
        for t in d.tags:
            if t.kind in ("hashtag", "person"):  # hashtags and people have their own rows
                continue
            score = (
                f" <span style='color:gray'>{loc.toString(t.percent)}%</span>"
                if t.percent is not None
                else ""
            )
            by_kind.setdefault(t.kind, []).append(
                f'<a href="tag:{t.kind}:{html.escape(t.name)}">{html.escape(t.label)}</a>{score}'
            )
        lines = [
            f"<b>{html.escape(self.library.photos.kind_label(kind))}</b>: " + ", ".join(items)
            for kind, items in by_kind.items()
        ]
        if not lines and d.media_type == "image" and d.analysis != "error":
            # an empty row read as "not looked at yet" even once the models had found nothing
            note = (self.tr("No scene, object or clothing recognised") if d.analysis == "ok"
                    else self.tr("Not analysed yet (Tools → Analyse)"))
            lines = [f"<span style='color:gray'>{html.escape(note)}</span>"]
        self._set("tags", "<br>".join(lines), rich=True)
        self._set("faces", "")

    def _post_text(self, photo_id: int) -> str:
        """The Instagram post(s) the photo was in: link, date, place, likes."""
        posts = self.library.instagram.posts_of_photo(photo_id)
        loc = QLocale()
        lines = []
        for p in posts:
            head = html.escape(f"@{p.owner}" if p.owner else "")
            if p.url:
                head = f'<a href="{html.escape(p.url)}">{head or html.escape(p.url)}</a>'
            bits = [head, html.escape((p.posted_at or "")[:10]), html.escape(p.location or "")]
            if p.likes is not None:
                bits.append("♥ " + loc.toString(p.likes))
            lines.append(" · ".join(b for b in bits if b))
        return "<br>".join(lines)

    def _on_link(self, link: str) -> None:
        if link.startswith("tag:"):
            _, kind, name = link.split(":", 2)
            self.tag_activated.emit(kind, name)
        elif link.startswith(("http://", "https://")):
            from PySide6.QtCore import QUrl
            from PySide6.QtGui import QDesktopServices

            QDesktopServices.openUrl(QUrl(link))


def emotion_name(emotion: str) -> str:
    """Display name of a face emotion in the interface language (the tag tree's names)."""
    from pose_desktop.services import tag_label

    from .i18n import current_language

    return tag_label("emotion", emotion, current_language())


def face_overlay(face: FaceInfo, width: int | None = None, height: int | None = None) -> FaceOverlay:
    """A people-service face (``FaceInfo``) as an overlay: its box as fractions of the
    upright photo (``box`` is in pixels of a ``width`` × ``height`` photo) and its name
    and emotion as the caption."""
    box = tuple(float(v) for v in face.box)
    if width and height and max(box) > 1.5:
        box = (box[0] / width, box[1] / height, box[2] / width, box[3] / height)
    name = face.person_name or ""
    if not name and face.suggested_name:
        name = f"{face.suggested_name}?"
    emotion = emotion_name(face.emotion) if face.emotion else ""
    label = " · ".join(x for x in (name, emotion) if x)
    return FaceOverlay(box, label, bool(face.person_name), face.person_name or "")


def faces_of_photo(library: Library, photo_id: int) -> list[FaceOverlay]:
    """Overlays for every face the people service found in a photo ([] without it)."""
    faces = library.people.photo_faces(photo_id)
    if not faces:
        return []
    s = library.photos.summaries([photo_id])
    w, h = (s[0].width, s[0].height) if s else (None, None)
    return [face_overlay(f, w, h) for f in faces]


class PhotoViewer(QWidget):
    """A large view of one photo: arrows step through the grid, Esc/Enter/Space close."""

    step_requested = Signal(int)

    def __init__(self, library: Library, parent=None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.library = library
        self.preview = PreviewWidget()
        self.preview.setAutoFillBackground(True)
        pal = self.preview.palette()
        pal.setColor(QPalette.ColorRole.Window, QColor(18, 18, 18))
        self.preview.setPalette(pal)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.preview)
        self._task = None
        self.photo_id: int | None = None
        self.resize(1100, 800)

    def show_photo(self, photo_id: int | None) -> None:
        if photo_id is None:
            return
        self.photo_id = photo_id
        if self._task is not None:
            self._task.discard()
        d = self.library.photos.photo(photo_id)
        if d is None:
            return
        self.setWindowTitle(d.files[0].path if d.files else d.hash)
        if d.thumbnail and d.thumbnail.exists():
            self.preview.set_image(QImage(str(d.thumbnail)), [])
        self.preview.set_faces(faces_of_photo(self.library, photo_id))
        self._task = run_task(
            self.library.photos.preview_jpeg,
            photo_id,
            2400,
            owner=self,
            on_done=lambda data: self._loaded(photo_id, data),
        )

    def _loaded(self, photo_id: int, data: bytes | None) -> None:
        if data and photo_id == self.photo_id:
            self.preview.set_image(QImage.fromData(data))

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.close()
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown):
            self.step_requested.emit(1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp):
            self.step_requested.emit(-1)
        else:
            super().keyPressEvent(event)
