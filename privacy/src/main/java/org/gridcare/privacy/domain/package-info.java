/**
 * Data protection, pure: the stored categories of personal data, their retention policies, the processing activities
 * of the record (GDPR Art. 30) and its Markdown form, retention and erasure results. Imports only java.* and platform.
 */
package org.gridcare.privacy.domain;
