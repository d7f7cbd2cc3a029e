package contacts

import (
	"strconv"

	"flightplan/engine/words"
)

// Why an import left a row out or folded it into another, in every
// language: the window and the command line show the note of their
// language (RowNote.Text); Reason keeps the engine's English for logs.
const (
	// noteSkipTwice: the file holds this email on an earlier row ({row}),
	// which is imported; the merge choice is "leave it as it is".
	noteSkipTwice words.Code = "import.skip.twice"
	// noteSkipKnown: the contact is already in the base and the merge
	// choice is "leave it as it is".
	noteSkipKnown words.Code = "import.skip.known"
	// noteMergeUpdate and noteMergeFill: the file holds this email on an
	// earlier row ({row}); this row's values went into it, replacing its
	// values or only filling its empty ones.
	noteMergeUpdate words.Code = "import.merge.update"
	noteMergeFill   words.Code = "import.merge.fill"
	// noteKnownUpdate and noteKnownFill: the contact is in the base with
	// other values; the file's win, or the base's stay.
	noteKnownUpdate words.Code = "import.known.update"
	noteKnownFill   words.Code = "import.known.fill"
)

func init() {
	for c, p := range map[words.Code][2]string{
		noteSkipTwice: {"same email as row {row}, which is imported instead: this row is left out",
			"même adresse courriel que la ligne {row}, qui est importée à sa place : cette ligne est laissée de côté"},
		noteSkipKnown: {"already in your contacts: left as it is, as you chose",
			"déjà dans vos contacts : laissé tel quel, comme vous l’avez choisi"},
		noteMergeUpdate: {"same email as row {row}: merged into it, its filled cells replacing that row’s values",
			"même adresse courriel que la ligne {row} : fusionnée avec elle, ses cases remplies remplacent les valeurs de cette ligne"},
		noteMergeFill: {"same email as row {row}: merged into it, filling only what that row left empty",
			"même adresse courriel que la ligne {row} : fusionnée avec elle, en ne remplissant que ce que cette ligne laissait vide"},
		noteKnownUpdate: {"already in your contacts with other values: the file’s values replace them",
			"déjà dans vos contacts avec d’autres valeurs : celles du fichier les remplacent"},
		noteKnownFill: {"already in your contacts with other values: the known values stay",
			"déjà dans vos contacts avec d’autres valeurs : les valeurs connues restent"},
	} {
		words.Phrases[c] = p
	}
}

// note is a row's note in every language; row, when not 0, is the earlier
// row of the same email.
func note(c words.Code, row int) words.Text {
	r := words.R(c)
	if row > 0 {
		r = words.R(c, "row", strconv.Itoa(row))
	}
	return words.All(r, "", nil)
}

// mergeNote is why a row was merged into an earlier one, by policy.
func (p MergePolicy) mergeNote(row int) words.Text {
	if p == PolicyUpdate {
		return note(noteMergeUpdate, row)
	}
	return note(noteMergeFill, row)
}

// knownNote is why a known contact's values differ, by policy.
func (p MergePolicy) knownNote() words.Text {
	if p == PolicyUpdate {
		return note(noteKnownUpdate, 0)
	}
	return note(noteKnownFill, 0)
}
