"""Fictional Danish names for the demo municipality. Any likeness to real people is chance."""

FIRST_NAMES = [
    "Anne", "Mette", "Kirsten", "Hanne", "Susanne", "Lene", "Camilla", "Louise", "Charlotte", "Maria",
    "Pia", "Tina", "Rikke", "Helle", "Marianne", "Signe", "Ida", "Julie", "Sofie", "Emma", "Karen", "Birgitte",
    "Lars", "Jens", "Peter", "Henrik", "Søren", "Thomas", "Niels", "Morten", "Rasmus", "Anders", "Martin",
    "Jesper", "Mads", "Kasper", "Christian", "Torben", "Bo", "Ole", "Mikkel", "Frederik", "Jakob", "Steen",
]
LAST_NAMES = [
    "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
    "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen", "Poulsen", "Johansen",
    "Møller", "Mortensen", "Knudsen", "Lund", "Holm", "Bach", "Dahl", "Skov", "Vestergaard", "Kjær", "Bruun",
    "Lauridsen", "Frost", "Friis", "Bjerre", "Krogh", "Munk", "Winther", "Brandt", "Ravn", "Juhl", "Holst",
]
# Place names used for schools, day care and care homes: common Danish words, no real town implied.
PLACES = [
    "Egebjerg", "Lindholm", "Bakkely", "Skovvang", "Søndervang", "Nørrevang", "Østerbro", "Vesterled",
    "Rosenhøj", "Kildedal", "Engholm", "Møllebakken", "Strandvejen", "Birkelund", "Hasselager", "Bøgely",
    "Fjordbakken", "Højvang", "Tornved", "Solbakken", "Kirkebakken", "Ellemosen", "Lærkevang", "Agerhøj",
    "Granly", "Præstemarken", "Ådalen", "Klintebjerg", "Havnely", "Marievang", "Kastanjehøj", "Pilegården",
]
DAYCARE_NAMES = [
    "Solsikken", "Mælkebøtten", "Regnbuen", "Skovtrolden", "Myretuen", "Troldehøjen", "Bikuben", "Spiren",
    "Kernehuset", "Mariehønen", "Valmuen", "Humlebien", "Stjernen", "Græshoppen", "Nøddeknækkeren", "Kløveren",
]
DISTRICTS = ["Nord", "Syd", "Øst", "Vest", "Midt"]


def ascii_fold(text: str) -> str:
    for danish, plain in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("Æ", "Ae"), ("Ø", "Oe"), ("Å", "Aa")):
        text = text.replace(danish, plain)
    return text
