/** The privacy module: {@link org.gridcare.privacy.PrivacyModule} wires records, retention job and rights API. */
package org.gridcare.privacy;
