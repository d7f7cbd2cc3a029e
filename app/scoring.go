package app

import (
	"flightplan/engine"
	"flightplan/engine/contacts"
)

// Scoring is the window's lead-scoring service: the rules, the warm and
// hot thresholds, their preview, and the "when a lead gets hot" recipe.
type Scoring struct{ *window }

// Scoring returns the scoring rules and decay.
func (s *Scoring) Scoring() (contacts.ScoringConfig, error) { return s.eng.ScoringConfig(s.ctx) }

// SaveScoring stores the scoring rules and recomputes every score.
func (s *Scoring) SaveScoring(cfg contacts.ScoringConfig) (*contacts.RescoreResult, error) {
	return s.eng.SaveScoring(s.ctx, cfg)
}

// ScoringThresholds reads the warm and hot thresholds (30 and 60 unless set).
func (s *Scoring) ScoringThresholds() (engine.Thresholds, error) {
	return s.eng.ScoringThresholds(s.ctx)
}

// SaveLeadScoring stores the thresholds and the scoring rules together,
// then recomputes every contact's score and temperature.
func (s *Scoring) SaveLeadScoring(t engine.Thresholds, cfg contacts.ScoringConfig) (*contacts.RescoreResult, error) {
	res, err := s.eng.SaveLeadScoring(s.ctx, t, cfg)
	return res, plainSettingError(s.eng.Store, err)
}

// PreviewScoring counts how many contacts the edited rules would make
// warm and hot over the period.
func (s *Scoring) PreviewScoring(req engine.ScoringPreviewRequest) (*engine.ScoringPreview, error) {
	return s.eng.PreviewScoring(s.ctx, req)
}

// HotLeadFunnels lists the funnels started by "lead gets hot", so the
// screen shows the recipe as set up when one exists.
func (s *Scoring) HotLeadFunnels() ([]engine.HotLeadFunnel, error) { return s.eng.HotLeadFunnels() }

// CreateHotLeadFunnel builds the recipe's funnel and publishes it.
func (s *Scoring) CreateHotLeadFunnel(r engine.HotLeadRecipe) (engine.FlowDoc, error) {
	return s.eng.CreateHotLeadFunnel(r)
}
