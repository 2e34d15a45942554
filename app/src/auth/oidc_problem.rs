//! Why a sign-in through the identity provider did not work, as the sign-in page shows it. The
//! callback sends the browser to `/login?oidc=<code>`; the page turns the code into words.

use super::text;

/// One reason an OpenID Connect sign-in ended without a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OidcProblem {
    /// This server has no identity provider configured.
    Unavailable,
    /// The provider answered with an error (the person cancelled, or it refused).
    Denied,
    /// The answer does not belong to a sign-in this browser started (or it was used already).
    State,
    /// The sign-in was started too long ago.
    Expired,
    /// The provider could not be reached, or answered nonsense.
    Unreachable,
    /// The provider's ID token did not pass the checks.
    Token,
    /// The provider did not confirm the email address.
    Unverified,
    /// Nobody with this address has an account or an open invitation.
    NotInvited,
    /// The account is disabled.
    Disabled,
    /// The account is linked to another identity at this provider.
    Linked,
    /// Something failed on GroupDesk's side.
    Failed,
}

impl OidcProblem {
    const ALL: [Self; 11] = [
        Self::Unavailable,
        Self::Denied,
        Self::State,
        Self::Expired,
        Self::Unreachable,
        Self::Token,
        Self::Unverified,
        Self::NotInvited,
        Self::Disabled,
        Self::Linked,
        Self::Failed,
    ];

    /// The code in the sign-in page's address.
    pub fn code(self) -> &'static str {
        match self {
            Self::Unavailable => "unavailable",
            Self::Denied => "denied",
            Self::State => "state",
            Self::Expired => "expired",
            Self::Unreachable => "unreachable",
            Self::Token => "token",
            Self::Unverified => "unverified",
            Self::NotInvited => "not_invited",
            Self::Disabled => "disabled",
            Self::Linked => "linked",
            Self::Failed => "failed",
        }
    }

    /// The problem a code names, if any.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|problem| problem.code() == code)
    }

    /// What a person reads.
    pub fn message(self) -> &'static str {
        match self {
            Self::Unavailable => text::OIDC_UNAVAILABLE,
            Self::Denied => text::OIDC_DENIED,
            Self::State => text::OIDC_STATE,
            Self::Expired => text::OIDC_EXPIRED,
            Self::Unreachable => text::OIDC_UNREACHABLE,
            Self::Token => text::OIDC_TOKEN,
            Self::Unverified => text::OIDC_UNVERIFIED,
            Self::NotInvited => text::OIDC_NOT_INVITED,
            Self::Disabled => text::OIDC_DISABLED,
            Self::Linked => text::OIDC_LINKED,
            Self::Failed => text::OIDC_FAILED,
        }
    }

    /// Where the browser goes to read it.
    pub fn login_path(self) -> String {
        format!("/login?oidc={}", self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_and_has_words() {
        for problem in OidcProblem::ALL {
            assert_eq!(OidcProblem::from_code(problem.code()), Some(problem));
            assert!(!problem.message().is_empty());
        }
        assert_eq!(OidcProblem::from_code("<script>"), None);
    }
}
