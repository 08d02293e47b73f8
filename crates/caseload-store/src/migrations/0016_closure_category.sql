-- Why a case closed, as a category the worker picks (issue 14): exports carry the category, not
-- the free-text reason typed beside it. NULL for cases closed before this migration, which an
-- export shows as "Not recorded". Numbered 0016: 0015 belongs to another change of issue 14.

ALTER TABLE cases ADD COLUMN closure_category TEXT
    CHECK (closure_category IS NULL OR closure_category IN (
        'attendance_improved', 'moved_school_or_area', 'elective_home_education',
        'children_missing_education', 'legal_action_taken', 'referred_to_another_service',
        'engagement_declined', 'other'));
