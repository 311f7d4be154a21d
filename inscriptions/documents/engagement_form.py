"""The « engagement étudiant » form (PDF): downloaded from the candidate space, filled in, signed
by the candidate and the host organisation, then uploaded as a supporting document (002 §III.A;
the optional unit of article D. 643-15-1 of the code de l'éducation, arrêté du 23 septembre 2020).

Plain data in, PDF bytes out. Its fields can be filled on screen (AcroForm text fields and check
boxes, no script), or by hand once printed. Helvetica's WinAnsi encoding has every French
character this text uses.
"""

from dataclasses import dataclass
from io import BytesIO

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

TITLE = "Unité facultative « engagement étudiant » — formulaire du candidat"
BLUE = HexColor("#000091")
GREY = HexColor("#666666")
WIDTH, HEIGHT = A4
LEFT = 20 * mm
RIGHT = WIDTH - 20 * mm
# The kinds of engagement the code de l'éducation recognises (article D. 611-7).
ENGAGEMENTS = (
    "Activité bénévole au sein d'une association",
    "Activité professionnelle",
    "Service civique ou volontariat",
    "Réserve opérationnelle ou sapeur-pompier volontaire",
    "Mandat d'élu étudiant (établissement, CROUS…)",
)


@dataclass(frozen=True, kw_only=True)
class EngagementFormContent:
    candidate_name: str
    dossier_reference: str
    session_label: str
    specialty_label: str
    due_label: str


class _Page:
    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.y = HEIGHT - 20 * mm
        self.fields = 0

    def heading(self, text: str) -> None:
        self.y -= 9 * mm
        self.canvas.setFillColor(BLUE)
        self.canvas.setFont("Helvetica-Bold", 11)
        self.canvas.drawString(LEFT, self.y, text)
        self.canvas.setFillColor(HexColor("#161616"))
        self.y -= 2 * mm

    def line(self, text: str, *, size: float = 9.5, bold: bool = False) -> None:
        self.y -= size * 0.5 * mm
        self.canvas.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        self.canvas.drawString(LEFT, self.y, text)
        self.y -= 1.5 * mm

    def field(self, label: str, *, value: str = "", lines: int = 1) -> None:
        self.fields += 1
        height = 7 * mm * lines
        self.y -= 5 * mm
        self.canvas.setFont("Helvetica", 9)
        self.canvas.drawString(LEFT, self.y, label)
        self.y -= height + 1.5 * mm
        self.canvas.acroForm.textfield(
            name=f"champ_{self.fields}",
            tooltip=label,
            value=value,
            x=LEFT,
            y=self.y,
            width=RIGHT - LEFT,
            height=height,
            fontName="Helvetica",
            fontSize=9,
            borderColor=GREY,
            fillColor=HexColor("#FFFFFF"),
            fieldFlags="multiline" if lines > 1 else "",
        )

    def checkbox(self, label: str) -> None:
        self.fields += 1
        self.y -= 6 * mm
        self.canvas.acroForm.checkbox(
            name=f"case_{self.fields}",
            tooltip=label,
            x=LEFT,
            y=self.y - 1 * mm,
            size=4 * mm,
            borderColor=GREY,
            fillColor=HexColor("#FFFFFF"),
        )
        self.canvas.setFont("Helvetica", 9.5)
        self.canvas.drawString(LEFT + 6 * mm, self.y, label)


def render_engagement_form(content: EngagementFormContent) -> bytes:
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(TITLE)
    canvas.setAuthor("Inscriptions au BTS")
    canvas.setSubject(f"Dossier {content.dossier_reference}")
    page = _Page(canvas)
    page.line(TITLE, size=14, bold=True)
    page.line(content.session_label)
    page.line("À renseigner, faire signer par la structure d'accueil, puis déposer dans votre")
    page.line(
        f"espace candidat, rubrique « Mes justificatifs », au plus tard le {content.due_label}.",
        bold=True,
    )

    page.heading("1. Candidat")
    page.field("Nom et prénoms", value=content.candidate_name)
    page.field("Numéro de dossier", value=content.dossier_reference)
    page.field("Spécialité de BTS", value=content.specialty_label)

    page.heading("2. Nature de l'engagement (cochez)")
    for engagement in ENGAGEMENTS:
        page.checkbox(engagement)

    page.heading("3. Structure d'accueil")
    page.field("Nom et adresse de la structure")
    page.field("Responsable (nom, fonction, courriel ou téléphone)")
    page.field("Période (du … au …) et volume horaire")

    page.heading("4. Activités menées et compétences acquises")
    page.field("Décrivez vos missions et ce qu'elles vous ont appris", lines=4)

    page.heading("5. Attestation et signatures")
    page.line("Le responsable de la structure atteste l'engagement décrit ci-dessus ;")
    page.line("le candidat certifie l'exactitude de ces informations.")
    page.field("Responsable de la structure : date, signature et cachet", lines=2)
    page.field("Candidat : date et signature", lines=2)

    canvas.setFont("Helvetica", 7.5)
    canvas.setFillColor(GREY)
    canvas.drawString(
        LEFT,
        12 * mm,
        "Unité facultative « engagement étudiant » : article D. 643-15-1 du code de "
        "l'éducation, arrêté du 23 septembre 2020.",
    )
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
